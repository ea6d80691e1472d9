import { themeQuartz, type Theme } from 'ag-grid-community';

/** A dark, high-contrast grid: large rows and type for a control room. */
export const darkGridTheme: Theme = themeQuartz.withParams({
  browserColorScheme: 'dark',
  backgroundColor: '#0d141f',
  foregroundColor: '#e8eef7',
  headerBackgroundColor: '#16202f',
  headerTextColor: '#c9d6e8',
  headerFontSize: 17,
  headerFontWeight: 700,
  oddRowBackgroundColor: '#111a27',
  rowHoverColor: '#1f2d42',
  selectedRowBackgroundColor: '#23395a',
  borderColor: '#2a3a52',
  accentColor: '#4ea1ff',
  fontSize: 17,
  fontFamily: 'inherit',
  rowHeight: 46,
  headerHeight: 48,
  cellHorizontalPadding: 12,
  wrapperBorderRadius: 6,
});
