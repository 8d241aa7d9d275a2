import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BOT_COMMANDS, parseCommand } from './commands';

describe('parseCommand', () => {
  it.each([
    ['sync contacts', 'sync contacts'],
    ['  Sync   CONTACTS ', 'sync contacts'],
    ['<at>Contact Sync</at> sync contacts', 'sync contacts'],
    ['<at>Contact Sync</at>&nbsp;sync status', 'sync status'],
    ['sync status.', 'sync status'],
    ['HELP', 'help'],
    ['sync', undefined],
    ['sync contacts now', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %j', (text, expected) => {
    expect(parseCommand(text)).toBe(expected);
  });
});

describe('the command list', () => {
  it('equals the manifest\'s command list (appPackage/botCommands.json)', () => {
    const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../appPackage/botCommands.json'), 'utf8')) as unknown;
    expect(BOT_COMMANDS).toEqual(manifest);
  });
});
