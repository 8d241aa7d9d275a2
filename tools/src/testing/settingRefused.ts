import { AppError } from '../../../api/src/errors/appError';

/** Runs a settings loader: undefined when it accepts the settings, else the name of the setting it refused. */
export function settingRefused(load: () => unknown): string | undefined {
  try {
    load();
    return undefined;
  } catch (error) {
    if (error instanceof AppError && error.code === 'configuration_invalid') return String(error.details?.setting);
    throw error;
  }
}
