/**
 * Every id termbot puts into Slack. Buttons carry the core's encoded action reference
 * (../../core/chat/actions.ts) as their value; the action_id only routes the click to
 * the one handler (Slack wants action ids unique within a message) and never decides anything.
 */
export const IDS = {
  command: '/explain',
  dailyCommand: '/explain-daily',
  /** A term button: `tb1:term:<n>`. */
  termAction: 'tb1:term',
  /** More detail / Less. */
  depthAction: 'tb1:depth',
  shareAction: 'tb1:share',
  /** A page of the term list. */
  pageAction: 'tb1:page',
  openSearchAction: 'tb1:open-search',
  searchSelect: 'tb1:search-select',
  searchBlock: 'tb1:search',
  searchView: 'tb1:search',
  answerView: 'tb1:answer',
  noticeView: 'tb1:notice',
  shortcut: 'tb1_explain_terms',
  totdBlockPrefix: 'tb1:totd:',
  totdEventType: 'termbot_totd',
} as const;

/** Every button whose value is an action reference: term buttons (any index), depth, share and page buttons. */
export const ACTION_BUTTON = /^tb1:(term(:\d+)?|depth|share|page(:\d+)?)$/;
