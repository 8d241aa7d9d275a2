import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Text } from '@fluentui/react-components';
import type { UserMessage } from '../../app/errorMessages';

/** Props of {@link ErrorNotice}. */
export interface ErrorNoticeProps {
  message: UserMessage;
  intent?: 'error' | 'warning';
  /** Shown as the button when given and the message allows a retry. */
  onRetry?: () => void;
  retryLabel?: string;
}

/** An error that says what happened and what to do, with a way forward. */
export function ErrorNotice({ message, intent = 'error', onRetry, retryLabel = 'Try again' }: ErrorNoticeProps) {
  return (
    <MessageBar intent={intent} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{message.title}</MessageBarTitle> {message.action}
        {message.correlationId && <Text block size={200}>Reference: {message.correlationId}</Text>}
      </MessageBarBody>
      {onRetry && message.retry && (
        <MessageBarActions><Button onClick={onRetry}>{retryLabel}</Button></MessageBarActions>
      )}
    </MessageBar>
  );
}
