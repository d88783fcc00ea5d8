import { createTheme } from '@mantine/core';

// Darker primary shades keep text on buttons and links above WCAG AA contrast.
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 8,
  focusRing: 'always',
  defaultRadius: 'sm',
});
