/**
 * InLoox entity shapes, from the InLoox 11 $metadata (../shared/inloox/inloox11-metadata.edmx.xml)
 * and the API reference. Only the fields the product reads are required here; responses may carry more,
 * and the client tolerates extra or missing optional fields.
 */
export type Guid = string;
/** Edm.DateTimeOffset as ISO 8601 with offset, e.g. "2025-04-01T09:00:00Z". */
export type IsoDateTime = string;

export interface Project {
  ProjectId: Guid;
  Name: string;
  Number?: string | null;
  NumberPrefix?: string | null;
  NumberSuffix?: string | null;
  NumberIncremential?: number | null;
  ProjectNumberAndName?: string | null;
  /** Marked as a favorite by the key's owner (per user in InLoox). */
  IsFavorite?: boolean | null;
  /** Comma-separated category names. */
  Categories?: string | null;
  /** 0 = none, 1 = locked, 2 = no notifications. The API reference adds IsLocked; the EDMX has only LockMode. */
  LockMode?: number;
  IsLocked?: boolean;
  ClientId?: Guid | null;
  ClientName?: string | null;
  ProjectStatusId?: Guid | null;
  ProjectStatusName?: string | null;
  StatusLabel?: string | null;
  ComputedProgress?: number | null;
  PercentComplete?: number | null;
  /** 0 = Low, 1 = Normal, 2 = High */
  Priority: number;
  StartDate?: IsoDateTime | null;
  EndDate?: IsoDateTime | null;
  IsArchived?: boolean;
  IsRecycled?: boolean;
  DescriptionHTML?: string | null;
  DescriptionText?: string | null;
  FirstManager?: string | null;
  ManagerProjectContact?: string | null;
  TeamProjectContact?: string | null;
  CreatedDateTime?: IsoDateTime | null;
  LastChangedDateTime?: IsoDateTime | null;
  /** A project request (decided by reviewers, role 64, or managers). */
  IsRequest?: boolean;
  CreatedByContactId?: Guid | null;
  CreatedByName?: string | null;
  ChangedByContactId?: Guid | null;
  LastChangedByName?: string | null;
  ReviewerProjectContact?: string | null;
}

/** One of the account's project categories (the Category set). */
export interface Category {
  CategoryId: Guid;
  Name: string;
}

/** What a list needs to name a project (Project?$select=ProjectId,Name,Number). */
export type ProjectName = Pick<Project, 'ProjectId' | 'Name' | 'Number'>;

export interface Task {
  TaskItemId: Guid;
  Name?: string | null;
  ProjectId?: Guid | null;
  /** The assignee. */
  ContactId?: Guid | null;
  ContactDisplayName?: string | null;
  TaskItemStatusId?: Guid | null;
  StartDateTime?: IsoDateTime | null;
  EndDateTime?: IsoDateTime | null;
  IsDone: boolean;
  DoneDate?: IsoDateTime | null;
  /** Effort in hours. */
  WorkAmount: number;
  DescriptionHTML?: string | null;
  GroupId?: Guid;
  CreatedByContactId?: Guid;
  AssignedByContactId?: Guid | null;
  /** Default for time booked on the task. */
  IsBillable?: boolean;
}

export interface Contact {
  ContactId: Guid;
  DisplayName?: string | null;
  FirstName?: string | null;
  LastName?: string | null;
  Email?: string | null;
  CompanyName?: string | null;
  IsIdentity?: boolean;
  IsRecycled?: boolean;
}

export interface UserInfo {
  ContactId: Guid;
  DisplayName?: string | null;
  FirstName?: string | null;
  LastName?: string | null;
  Email?: string | null;
  UILanguage?: string | null;
  TimeZoneInfo?: string | null;
}

/** A comment on a project (ProjectNote). */
export interface ProjectNote {
  ProjectNoteId: Guid;
  ProjectId?: Guid | null;
  Note?: string | null;
  NoteHtml?: string | null;
  CreateDateTime?: IsoDateTime | null;
  CreatedByContactId?: Guid | null;
}

/** Project member roles (GetProjectContactRelations / AddMember `role`). */
export const MemberRole = {
  Manager: 2,
  Team: 4,
  Partner: 8,
  Customer: 16,
  Additional: 32,
  Reviewer: 64,
} as const;
export type MemberRole = (typeof MemberRole)[keyof typeof MemberRole];

export interface ProjectMember {
  ContactRelationId: Guid;
  ContactId: Guid;
  DisplayName?: string | null;
  Email?: string | null;
  Role: number;
}

/** One page of a list; `nextLink` is set when InLoox has more. */
export interface Page<T> {
  items: T[];
  nextLink?: string;
  count?: number;
}

export interface ProjectInput {
  Name: string;
  StartDate?: IsoDateTime | null;
  EndDate?: IsoDateTime | null;
  Priority?: 0 | 1 | 2;
  ClientId?: Guid | null;
  DescriptionHTML?: string | null;
  /** Only when creating: the number's prefix and suffix (InLoox's defaults when left out). */
  NumberPrefix?: string;
  NumberSuffix?: string;
}
export type ProjectPatch = Partial<Omit<ProjectInput, 'NumberPrefix' | 'NumberSuffix'>> & { IsArchived?: boolean };

export interface TaskInput {
  Name: string;
  ProjectId?: Guid | null;
  ContactId?: Guid | null;
  StartDateTime?: IsoDateTime | null;
  EndDateTime?: IsoDateTime | null;
  WorkAmount?: number;
  DescriptionHTML?: string | null;
}
export type TaskPatch = Partial<TaskInput> & { IsDone?: boolean };
