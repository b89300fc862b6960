import type { Localized } from '../i18n';

/** Texts of project requests (the `requests` command and the request card), spread into STRINGS. */
export const REQUEST_STRINGS = {
  kindRequest: { en: 'Project request', de: 'Projektantrag' },
  requestOpen: { en: 'Open', de: 'Offen' },
  requestApproved: { en: 'Approved', de: 'Genehmigt' },
  requestRejected: { en: 'Rejected', de: 'Abgelehnt' },
  requestApprovedBy: { en: 'Approved by {name}.', de: 'Genehmigt von {name}.' },
  requestRejectedBy: { en: 'Rejected by {name}.', de: 'Abgelehnt von {name}.' },
  requestAlreadyDecided: {
    en: 'This request has already been decided, so it cannot be approved or rejected again.',
    de: 'Über diesen Antrag wurde bereits entschieden; er kann nicht noch einmal genehmigt oder abgelehnt werden.',
  },
  requestGone: {
    en: 'This project request no longer exists in InLoox.',
    de: 'Diesen Projektantrag gibt es in InLoox nicht mehr.',
  },
  fieldAskedBy: { en: 'Asked by', de: 'Beantragt von' },
  fieldAskedOn: { en: 'Asked on', de: 'Beantragt am' },
  fieldReviewers: { en: 'Reviewers', de: 'Prüfer' },
  actionApprove: { en: 'Approve', de: 'Genehmigen' },
  actionReject: { en: 'Reject', de: 'Ablehnen' },
  actionConfirmApprove: { en: 'Yes, approve', de: 'Ja, genehmigen' },
  actionConfirmReject: { en: 'Yes, reject', de: 'Ja, ablehnen' },
  confirmApproveText: {
    en: 'Approve this request? It becomes a project in InLoox and every reviewer sees your decision.',
    de: 'Diesen Antrag genehmigen? Er wird in InLoox zum Projekt und alle Prüfer sehen Ihre Entscheidung.',
  },
  confirmRejectText: {
    en: 'Reject this request? Every reviewer sees your decision; the reason is saved as a comment on the request.',
    de: 'Diesen Antrag ablehnen? Alle Prüfer sehen Ihre Entscheidung; die Begründung wird als Kommentar am Antrag gespeichert.',
  },
  labelRejectReason: { en: 'Reason (optional)', de: 'Begründung (optional)' },
  rejectReasonTooLong: {
    en: 'The reason can be at most {max} characters long.',
    de: 'Die Begründung darf höchstens {max} Zeichen lang sein.',
  },
  rejectReasonComment: { en: 'Project request rejected: {reason}', de: 'Projektantrag abgelehnt: {reason}' },
  rejectReasonNotSaved: {
    en: 'The request was rejected, but the reason could not be saved as a comment. Your text: {reason}',
    de: 'Der Antrag wurde abgelehnt, aber die Begründung konnte nicht als Kommentar gespeichert werden. Ihr Text: {reason}',
  },
  requestsTitle: { en: 'Project requests for you to decide', de: 'Projektanträge zur Entscheidung' },
  noRequests: {
    en: 'There are no open project requests for you to decide.',
    de: 'Es gibt keine offenen Projektanträge, über die Sie entscheiden können.',
  },
  moreRequests: {
    en: 'Showing the newest {shown}; more are waiting in InLoox.',
    de: 'Die neuesten {shown} werden angezeigt; weitere warten in InLoox.',
  },
} satisfies Record<string, Localized>;
