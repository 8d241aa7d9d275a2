import type { DuplicateGroup } from '../../api/apiTypes';

/**
 * A short label per Outlook folder of the duplicates ("Folder A", "Folder B"…, in order of first appearance):
 * the API gives only Graph folder ids (long, meaningless to a user) and no folder names, but the same label
 * for the same folder across every group still shows which contacts sit together.
 */
export function folderLabels(groups: DuplicateGroup[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const contact of groups.flatMap((group) => group.contacts)) {
    if (!labels.has(contact.folderId)) labels.set(contact.folderId, `Folder ${letters(labels.size)}`);
  }
  return labels;
}

/** 0 → A, 25 → Z, 26 → AA: spreadsheet-style column letters. */
function letters(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26));
  return index < 26 ? letter : `${letters(Math.floor(index / 26) - 1)}${letter}`;
}
