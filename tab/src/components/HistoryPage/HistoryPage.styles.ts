import { makeStyles, tokens } from '@fluentui/react-components';

/** Styles of HistoryPage. */
export const useHistoryPageStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalL },
  table: { overflowX: 'auto' },
  changes: { paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  why: { color: tokens.colorNeutralForeground2 },
});
