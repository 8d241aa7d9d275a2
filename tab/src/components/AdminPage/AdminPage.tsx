import { Text } from '@fluentui/react-components';
import { HealthView } from './HealthView';
import { IntegrationForm } from './IntegrationForm';
import { PolicyForm } from './PolicyForm';
import { useAdminPageStyles } from './AdminPage.styles';

/** Admin settings (ContactSync.Admin only; the API enforces it): integration, policy, health. Loaded lazily. */
export default function AdminPage() {
  const styles = useAdminPageStyles();
  return (
    <div className={styles.root}>
      <section aria-labelledby="admin-integration"><Text as="h2" id="admin-integration" size={500} weight="semibold" block>Outlook integration</Text><IntegrationForm /></section>
      <section aria-labelledby="admin-policy"><Text as="h2" id="admin-policy" size={500} weight="semibold" block>Sync policy</Text><PolicyForm /></section>
      <section aria-labelledby="admin-health"><Text as="h2" id="admin-health" size={500} weight="semibold" block>Sync health</Text><HealthView /></section>
    </div>
  );
}
