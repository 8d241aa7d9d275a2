import { makeStyles, tokens } from '@fluentui/react-components';

/** Styles of ContactsPage. */
export const useContactsPageStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXL },
});
