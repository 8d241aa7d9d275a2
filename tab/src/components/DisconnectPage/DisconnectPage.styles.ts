import { makeStyles, tokens } from '@fluentui/react-components';

/** Styles of DisconnectPage. */
export const useDisconnectPageStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalL, maxWidth: '640px' },
});
