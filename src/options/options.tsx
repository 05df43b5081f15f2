// The options page (extension origin): the reader's switches, the keyboard shortcut, and the dataset
// (what is installed, import of a dataset file, reset to the bundled one). Components: OptionsPage.tsx.

import { render } from 'preact';
import browser from 'webextension-polyfill';
import { OptionsPage } from './OptionsPage';
import { browserOptionsApi } from './options-api';

const app = document.getElementById('app');
if (app) render(<OptionsPage api={browserOptionsApi(browser)} />, app);
