import { makeStyles, tokens } from '@fluentui/react-components';

/** Styles of TabShell. */
export const useTabShellStyles = makeStyles({
  root: {
    minHeight: '100vh',
    boxSizing: 'border-box',
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalL,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    '@media (max-width: 480px)': { padding: tokens.spacingHorizontalS },
  },
  // The Overflow container: its width is what the tabs may take; the ones that do not fit go to the menu.
  strip: { display: 'flex', alignItems: 'center', flexWrap: 'nowrap', minWidth: 0, overflow: 'hidden' },
  tabs: { flexWrap: 'nowrap', minWidth: 0 },
});
