import { useId } from 'preact/hooks';
import type { MessageKey, Translate } from '../utils/reader/locale.ts';
import {
  clampPrefs,
  FONTS,
  LINE_HEIGHT_MAX,
  LINE_HEIGHT_MIN,
  SIZE_MAX,
  SIZE_MIN,
  SIZE_STEP,
  THEMES,
  WIDTHS,
  type ReaderPrefs,
} from '../utils/reader/prefs.ts';

interface Props {
  prefs: ReaderPrefs;
  onChange(prefs: ReaderPrefs): void;
  t: Translate;
}

const LINE_HEIGHTS = Array.from(
  { length: Math.round((LINE_HEIGHT_MAX - LINE_HEIGHT_MIN) * 10) + 1 },
  (_, i) => Math.round((LINE_HEIGHT_MIN + i / 10) * 10) / 10,
);

/**
 * Font, size, leading, width and theme. Native controls only, so keyboards, screen readers
 * and the browser's own focus handling work as they do everywhere else.
 */
export function ReaderControls({ prefs, onChange, t }: Props) {
  const id = useId();
  const update = (patch: Partial<ReaderPrefs>): void => {
    const next = clampPrefs({ ...prefs, ...patch });
    if ((Object.keys(next) as (keyof ReaderPrefs)[]).some((k) => next[k] !== prefs[k])) onChange(next);
  };
  const size = (delta: number): void => update({ size: prefs.size + delta });

  return (
    <div class="reader-controls" role="group" aria-label={t('readerSettings')}>
      <label class="reader-control">
        <span>{t('readerFont')}</span>
        <select value={prefs.font} onChange={(e) => update({ font: e.currentTarget.value as ReaderPrefs['font'] })}>
          {FONTS.map((f) => (
            <option key={f} value={f}>
              {t(`font_${f}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>

      <div class="reader-control reader-size" role="group" aria-labelledby={`${id}-size`}>
        <span id={`${id}-size`}>{t('readerSize')}</span>
        {/* aria-disabled, not disabled: a focused button that disables itself drops keyboard focus. */}
        <button
          type="button"
          class="reader-step"
          aria-label={t('readerSizeDecrease')}
          aria-disabled={prefs.size <= SIZE_MIN}
          onClick={() => size(-SIZE_STEP)}
        >
          −
        </button>
        <output aria-live="polite">{t('readerSizeValue', String(prefs.size))}</output>
        <button
          type="button"
          class="reader-step"
          aria-label={t('readerSizeIncrease')}
          aria-disabled={prefs.size >= SIZE_MAX}
          onClick={() => size(SIZE_STEP)}
        >
          +
        </button>
      </div>

      <label class="reader-control">
        <span>{t('readerLineHeight')}</span>
        <select value={prefs.lineHeight.toFixed(1)} onChange={(e) => update({ lineHeight: Number(e.currentTarget.value) })}>
          {LINE_HEIGHTS.map((lh) => (
            <option key={lh} value={lh.toFixed(1)}>
              {lh.toFixed(1)}
            </option>
          ))}
        </select>
      </label>

      <label class="reader-control">
        <span>{t('readerWidth')}</span>
        <select value={prefs.width} onChange={(e) => update({ width: e.currentTarget.value as ReaderPrefs['width'] })}>
          {WIDTHS.map((w) => (
            <option key={w} value={w}>
              {t(`width_${w}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>

      <fieldset class="reader-control reader-theme">
        <legend>{t('readerTheme')}</legend>
        {THEMES.map((theme) => (
          <label key={theme} class={`reader-theme-option theme-${theme}`}>
            <input type="radio" name={`${id}-theme`} value={theme} checked={prefs.theme === theme} onChange={() => update({ theme })} />
            <span>{t(`theme_${theme}` as MessageKey)}</span>
          </label>
        ))}
      </fieldset>
    </div>
  );
}
