import { useCallback, useEffect, useState } from 'preact/hooks';
import { CleanupPanel, type CleanupPanelData } from '@/components/CleanupPanel';
import { t } from '@/utils/i18n';
import { sendToTab, type CleanupStatus } from '@/utils/messaging';
import { cleanupSettings } from '@/utils/storage';
import { isRestrictedUrl, targetTab } from '@/utils/tabs';

function panelData(status: CleanupStatus | undefined, autoClean: boolean): CleanupPanelData {
  if (!status) return { state: 'unavailable', removed: [], autoClean };
  const state = !status.isArticle ? 'not-article' : status.enabled ? 'cleaned' : autoClean ? 'site-off' : 'all-off';
  return { state, removed: status.removed, autoClean };
}

/** Data and wiring for the popup; the components only render. */
export function App() {
  const [tab, setTab] = useState<{ id: number; url?: string }>();
  const [status, setStatus] = useState<CleanupStatus>();
  const [autoClean, setAutoClean] = useState(true);
  const [loaded, setLoaded] = useState(false);

  const refresh = useCallback(async (tabId: number) => {
    setStatus(await sendToTab(tabId, 'cleanup/status', null).catch(() => undefined));
  }, []);

  useEffect(() => {
    void (async () => {
      const current = await targetTab(location.search);
      setTab(current);
      setAutoClean((await cleanupSettings.getValue()).autoClean);
      if (current && !isRestrictedUrl(current.url)) await refresh(current.id);
      setLoaded(true);
    })();
  }, [refresh]);

  // The content script knows its page's address; the tab's URL needs the "tabs" permission.
  const pageUrl = status?.url ?? tab?.url;
  const hostname = pageUrl ? new URL(pageUrl).hostname : undefined;
  const actions = {
    restoreAll: () => tab && void sendToTab(tab.id, 'cleanup/restore', null).then(setStatus),
    cleanAgain: () => tab && void sendToTab(tab.id, 'cleanup/apply', null).then(setStatus),
    setSiteEnabled: async (enabled: boolean) => {
      if (!tab || !hostname) return;
      const settings = await cleanupSettings.getValue();
      const others = settings.disabledSites.filter((h) => h !== hostname);
      await cleanupSettings.setValue({ ...settings, disabledSites: enabled ? others : [...others, hostname] });
      setStatus(await sendToTab(tab.id, 'cleanup/sync', null));
    },
    setAutoClean: async (enabled: boolean) => {
      await cleanupSettings.setValue({ ...(await cleanupSettings.getValue()), autoClean: enabled });
      setAutoClean(enabled);
      if (tab) setStatus(await sendToTab(tab.id, 'cleanup/sync', null).catch(() => undefined));
    },
  };

  if (!loaded) return <p class="loading">…</p>;
  return <CleanupPanel data={panelData(status, autoClean)} actions={actions} t={t} />;
}
