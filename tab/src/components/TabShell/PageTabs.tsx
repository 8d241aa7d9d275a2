import {
  Menu, MenuButton, MenuItem, MenuList, MenuPopover, MenuTrigger, Overflow, OverflowItem, Tab, TabList,
  useIsOverflowItemVisible, useOverflowMenu,
} from '@fluentui/react-components';
import { useTabShellStyles } from './TabShell.styles';

/** A page of the tab: its value and the name its tab shows. */
export interface PageTab<T extends string> {
  value: T;
  name: string;
}

/** Props of {@link PageTabs}. */
export interface PageTabsProps<T extends string> {
  pages: Array<PageTab<T>>;
  selected: T;
  onSelect: (page: T) => void;
}

/**
 * The page tabs on every width: Fluent's Overflow hides the tabs that do not fit (never the selected one) and
 * lists them in the "More pages" menu, so the strip never scrolls sideways (Teams mobile is 360 px wide).
 */
export function PageTabs<T extends string>({ pages, selected, onSelect }: PageTabsProps<T>) {
  const styles = useTabShellStyles();
  return (
    <Overflow minimumVisible={1}>
      <div className={styles.strip}>
        <TabList selectedValue={selected} onTabSelect={(_e, data) => onSelect(data.value as T)} aria-label="Pages" className={styles.tabs}>
          {pages.map((page) => (
            <OverflowItem key={page.value} id={page.value} priority={page.value === selected ? 2 : 1}>
              <Tab value={page.value}>{page.name}</Tab>
            </OverflowItem>
          ))}
        </TabList>
        <MorePages pages={pages} onSelect={onSelect} />
      </div>
    </Overflow>
  );
}

/** The menu of the pages whose tabs are out of view; nothing while all fit. */
function MorePages<T extends string>({ pages, onSelect }: Omit<PageTabsProps<T>, 'selected'>) {
  const { ref, isOverflowing } = useOverflowMenu<HTMLButtonElement>();
  if (!isOverflowing) return null;
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <MenuButton ref={ref} appearance="transparent" aria-label="More pages">More</MenuButton>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {pages.map((page) => <OverflowPage key={page.value} page={page} onSelect={onSelect} />)}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

function OverflowPage<T extends string>({ page, onSelect }: { page: PageTab<T>; onSelect: (page: T) => void }) {
  const visible = useIsOverflowItemVisible(page.value);
  return visible ? null : <MenuItem onClick={() => onSelect(page.value)}>{page.name}</MenuItem>;
}
