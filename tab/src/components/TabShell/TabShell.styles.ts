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
  tabs: { overflowX: 'auto' },
});
