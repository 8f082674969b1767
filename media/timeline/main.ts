// Entry of the timeline webview bundle (dist/media/timeline.js). Imports only src/protocol.
import './timeline.css';
import type { TimelineViewMessage, TimelineViewState } from '../../src/protocol/timeline';
import { TimelineApp } from './app';
import { buildLayout } from './layout';

declare function acquireVsCodeApi(): {
  postMessage(message: TimelineViewMessage): void;
  getState(): unknown;
  setState(state: TimelineViewState): void;
};

const root = document.getElementById('timeline-root') ?? document.body;
new TimelineApp(acquireVsCodeApi(), buildLayout(root));
