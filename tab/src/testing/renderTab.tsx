import { render } from '@testing-library/react';
import { App } from '../app/App';
import type { FakeApi } from './fakeApi';
import type { FakeHost } from './fakeHost';

/** Renders the whole tab against a fake host and the fake API (polling every 10 ms). */
export function renderTab(host: FakeHost, api: FakeApi) {
  return render(<App host={host} apiBaseUrl="" fetchFn={api.fetch} pollMs={10} />);
}
