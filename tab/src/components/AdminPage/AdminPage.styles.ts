import { makeStyles, tokens } from '@fluentui/react-components';

/** Styles of the admin pages. */
export const useAdminPageStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXL, maxWidth: '760px' },
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  counts: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalXL, rowGap: tokens.spacingVerticalS },
  table: { overflowX: 'auto' },
});
