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

/** One labelled choice: a native <select> of [value, shown text] pairs. */
function Select<T extends string>(props: { label: string; value: T; options: [T, string][]; onPick(value: T): void }) {
  return (
    <label class="reader-control">
      <span>{props.label}</span>
      <select value={props.value} onChange={(e) => props.onPick(e.currentTarget.value as T)}>
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

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
      <Select
        label={t('readerFont')}
        value={prefs.font}
        options={FONTS.map((f) => [f, t(`font_${f}` as MessageKey)])}
        onPick={(font) => update({ font })}
      />

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

      <Select
        label={t('readerLineHeight')}
        value={prefs.lineHeight.toFixed(1)}
        options={LINE_HEIGHTS.map((lh) => [lh.toFixed(1), lh.toFixed(1)])}
        onPick={(value) => update({ lineHeight: Number(value) })}
      />

      <Select
        label={t('readerWidth')}
        value={prefs.width}
        options={WIDTHS.map((w) => [w, t(`width_${w}` as MessageKey)])}
        onPick={(width) => update({ width })}
      />

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
