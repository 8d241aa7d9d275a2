import { makeStyles, tokens } from '@fluentui/react-components';

/** Styles of OutsideTeams. */
export const useOutsideTeamsStyles = makeStyles({
  root: {
    minHeight: '100vh', boxSizing: 'border-box', padding: tokens.spacingHorizontalXXL, display: 'flex', flexDirection: 'column',
    rowGap: tokens.spacingVerticalL, maxWidth: '640px', backgroundColor: tokens.colorNeutralBackground1, color: tokens.colorNeutralForeground1,
  },
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
});
