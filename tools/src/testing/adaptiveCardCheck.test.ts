import {
  connectCard, noSyncYetCard, syncCompletedCard, syncFailedCard, syncProgressCard, syncStartedCard,
} from '../../../bot/src/cards';
import { adaptiveCardProblems } from './adaptiveCardCheck';

const TAB = 'https://teams.microsoft.com/l/entity/app/contacts';
const counts = { new: 1, updated: 2, deleted: 3, unchanged: 4, skipped: 5 };
const good = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Hi', wrap: true }] };

describe('adaptiveCardProblems', () => {
  it.each([
    ['version 1.6 (Teams bots render up to 1.5)', { ...good, version: '1.6' }, /version 1\.6/],
    ['an element 1.5 does not know', { ...good, body: [{ type: 'Carousel' }] }, /Carousel/],
    ['a TextBlock without text', { ...good, body: [{ type: 'TextBlock', wrap: true }] }, /TextBlock needs text/],
    ['a FactSet without facts', { ...good, body: [{ type: 'FactSet', facts: [] }] }, /FactSet needs facts/],
    ['an OpenUrl without url', { ...good, actions: [{ type: 'Action.OpenUrl', title: 'Open' }] }, /Action.OpenUrl needs url/],
    ['an OpenUrl to http', { ...good, actions: [{ type: 'Action.OpenUrl', title: 'Open', url: 'http://x.test' }] }, /url must be https/],
    ['not a card', { type: 'Message' }, /type must be AdaptiveCard/],
  ])('finds %s', (_what, card, problem) => {
    expect(adaptiveCardProblems(card).join('\n')).toMatch(problem);
  });

  it.each([
    ['completed', syncCompletedCard(counts, 65_000, TAB)],
    ['failed', syncFailedCard({ code: 'throttled', message: 'Outlook is busy.' }, TAB)],
    ['connect', connectCard(TAB)],
    ['progress', syncProgressCard({ state: 'running', counts, startedAt: null }, TAB)],
    ['started', syncStartedCard(TAB)],
    ['no sync yet', noSyncYetCard(TAB)],
  ])('finds nothing wrong in the bot\'s %s card', (_what, card) => {
    expect(adaptiveCardProblems(card)).toEqual([]);
  });
});
