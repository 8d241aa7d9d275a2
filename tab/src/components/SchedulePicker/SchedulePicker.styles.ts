import { makeStyles, tokens } from '@fluentui/react-components';

/** Styles of SchedulePicker: Fluent tokens only, so every Teams theme works. */
export const useSchedulePickerStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, maxWidth: '480px' },
  details: { display: 'flex', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS, flexWrap: 'wrap' },
  actions: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  next: { color: tokens.colorNeutralForeground2 },
});
