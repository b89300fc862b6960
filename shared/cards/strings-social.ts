import type { Localized } from '../i18n';

/** Texts of a project's comments and followers (project card, comments card), spread into STRINGS. */
export const SOCIAL_STRINGS = {
  fieldComments: { en: 'Latest comments', de: 'Neueste Kommentare' },
  noComments: { en: 'No comments yet.', de: 'Noch keine Kommentare.' },
  commentMeta: { en: '{author} · {time}', de: '{author} · {time}' },
  actionShowComments: { en: 'Show more comments', de: 'Weitere Kommentare' },
  actionAllComments: { en: 'All comments', de: 'Alle Kommentare' },
  commentsTitle: { en: 'Comments on {name}', de: 'Kommentare zu {name}' },
  actionDeleteComment: { en: 'Delete', de: 'Löschen' },
  actionBackToProject: { en: 'Back to the project', de: 'Zurück zum Projekt' },
  confirmDeleteCommentTitle: { en: 'Delete this comment?', de: 'Diesen Kommentar löschen?' },
  confirmDeleteCommentText: {
    en: 'Your comment "{text}" on {name} will be deleted in InLoox. This cannot be undone.',
    de: 'Ihr Kommentar „{text}“ zu {name} wird in InLoox gelöscht. Das kann nicht rückgängig gemacht werden.',
  },
  commentDeleted: { en: 'Comment deleted.', de: 'Kommentar gelöscht.' },
  commentNotYours: {
    en: 'Only the author of a comment can delete it.',
    de: 'Nur wer einen Kommentar geschrieben hat, kann ihn löschen.',
  },
  commentGone: {
    en: 'This comment no longer exists in InLoox.',
    de: 'Diesen Kommentar gibt es in InLoox nicht mehr.',
  },
  unknownAuthor: { en: 'Unknown', de: 'Unbekannt' },
  fieldFollowers: { en: 'Followers', de: 'Follower' },
  actionFollow: { en: 'Follow', de: 'Folgen' },
  actionUnfollow: { en: 'Unfollow', de: 'Nicht mehr folgen' },
  projectFollowed: {
    en: 'You now get the notifications of this project.',
    de: 'Sie erhalten jetzt die Benachrichtigungen dieses Projekts.',
  },
  projectUnfollowed: {
    en: 'You no longer get the notifications of this project.',
    de: 'Sie erhalten keine Benachrichtigungen dieses Projekts mehr.',
  },
} satisfies Record<string, Localized>;
