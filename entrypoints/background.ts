import { defineBackground } from '#imports';

// Wiring only (menus, commands, badge) lands with the live-cleanup and reading-view issues.
export default defineBackground(() => {});
