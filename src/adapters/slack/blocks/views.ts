import type { types } from '@slack/bolt';
import type { Answer, CategoryOverview, TermRef } from '../../../core/answer/types.js';
import { IDS } from '../ids.js';
import { LIMITS } from '../limits.js';
import { escapeText } from '../mrkdwn.js';
import { renderAnswer } from './answer.js';
import { actions, button, context, divider, header, plain, section } from './elements.js';
import { categoryBlocks } from './help.js';

/** The search modal: one external_select whose options come from the core's type-ahead ranking. */
export function searchModal(privateMetadata = ''): types.ModalView {
  return {
    type: 'modal',
    callback_id: IDS.searchView,
    title: plain('Explain a term', LIMITS.modalTitle),
    submit: plain('Explain', LIMITS.modalTitle),
    close: plain('Cancel', LIMITS.modalTitle),
    private_metadata: privateMetadata.slice(0, LIMITS.privateMetadata),
    blocks: [
      {
        type: 'input',
        block_id: IDS.searchBlock,
        label: plain('Term or comparison', 2000),
        element: {
          type: 'external_select',
          action_id: IDS.searchSelect,
          min_query_length: 0,
          placeholder: plain('Start typing, e.g. load bal', 150),
        },
      },
    ],
  };
}

/** An answer shown inside a modal (from App Home, where there is no channel to answer in). */
export function answerModal(answer: Answer): types.ModalView {
  const { blocks } = renderAnswer(answer, { visibility: 'public', maxBlocks: LIMITS.blocksPerView });
  return {
    type: 'modal',
    callback_id: IDS.answerView,
    title: plain('termbot', LIMITS.modalTitle),
    close: plain('Close', LIMITS.modalTitle),
    blocks,
  };
}

/** App Home: today's term, a search button, the categories. */
export function homeView(today: TermRef | null, categories: CategoryOverview[]): types.HomeView {
  const blocks: types.KnownBlock[] = [header('termbot')];
  blocks.push(section('Plain explanations of infrastructure and architecture words. Use `/explain <term>` anywhere, or search here.'));
  blocks.push(...actions([button('Search terms', IDS.openSearchAction, 'search', 'primary')]));
  if (today) {
    blocks.push(divider(), section(`*Term of the day: ${escapeText(today.title)}*\n${escapeText(today.summary)}`));
    blocks.push(...actions([button(`Explain ${today.title}`, `${IDS.termAction}:0`, { ref: { slug: today.slug }, depth: 'short' })]));
  }
  blocks.push(divider(), context('Categories:'));
  blocks.push(...categoryBlocks(categories));
  return { type: 'home', blocks: blocks.slice(0, LIMITS.blocksPerView) };
}
