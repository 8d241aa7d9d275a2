import type { DuplicateGroup } from '../../api/apiTypes';

/**
 * A label per Outlook folder of the duplicates: the folder's display name; "Work (2)" for the second of two
 * folders with one name (Outlook allows it under different parents); "Folder A", "Folder B"… (in order of
 * first appearance) for a folder whose name the API does not know, so the same label for the same folder
 * across every group still shows which contacts sit together.
 */
export function folderLabels(groups: DuplicateGroup[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const contact of groups.flatMap((group) => group.contacts)) {
    if (!names.has(contact.folderId)) names.set(contact.folderId, contact.folderName);
  }
  const labels = new Map<string, string>();
  const shared = sharedNames(names);
  const seen = new Map<string, number>();
  for (const [folderId, name] of names) {
    const nth = (seen.get(name) ?? 0) + 1;
    seen.set(name, nth);
    if (!name) labels.set(folderId, `Folder ${letters(nth - 1)}`);
    else labels.set(folderId, shared.has(name) ? `${name} (${nth})` : name);
  }
  return labels;
}

/** The names more than one folder has. */
function sharedNames(names: Map<string, string>): Set<string> {
  const counts = new Map<string, number>();
  for (const name of names.values()) counts.set(name, (counts.get(name) ?? 0) + 1);
  return new Set([...counts].filter(([, count]) => count > 1).map(([name]) => name));
}

/** 0 → A, 25 → Z, 26 → AA: spreadsheet-style column letters. */
function letters(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26));
  return index < 26 ? letter : `${letters(Math.floor(index / 26) - 1)}${letter}`;
}
