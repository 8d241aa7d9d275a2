import { Badge } from '@fluentui/react-components';

/** Props of {@link ChannelBadge}. */
export interface ChannelBadgeProps {
  /** The value a messaging channel uses: named in what a screen reader reads. */
  field: 'Phone' | 'Email';
}

/**
 * Marks a phone or email a messaging channel uses (`phoneBound`/`emailBound`): a sync never overwrites it.
 * The tab only shows bindings; the channels set them. Read as one image ("Phone used by a messaging channel")
 * so the short visible text still says which value it is about.
 */
export function ChannelBadge({ field }: ChannelBadgeProps) {
  return (
    <Badge size="small" appearance="tint" color="informative" role="img" aria-label={`${field} used by a messaging channel`}>
      Used by a channel
    </Badge>
  );
}
