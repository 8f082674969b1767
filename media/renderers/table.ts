// Notebook renderer for query results (application/vnd.exo-audit.table+json) and notices
// (application/vnd.exo-audit.notice+json). Built as an ES module; VS Code calls activate().
import { isNoticePayload, isQueryOutputPayload, NOTICE_MIME, type RendererMessage, type RendererReply } from '../../src/protocol/notebook';
import { button, h, styleElement } from './dom';
import type { ActivationFunction } from './rendererApi';
import { tableCss } from './styles';
import { TableView } from './tableView';

function isReply(m: unknown): m is RendererReply {
  return typeof m === 'object' && m !== null && (m as RendererReply).type === 'status' && typeof (m as RendererReply).text === 'string';
}

export const activate: ActivationFunction = (context) => {
  const views = new Map<string, TableView>();
  /** The view whose button was pressed last: the extension's reply belongs to it. */
  let lastAsked: TableView | undefined;
  const post = context.postMessage
    ? (view: TableView | undefined) => (message: RendererMessage) => {
        lastAsked = view;
        context.postMessage!(message);
      }
    : undefined;
  context.onDidReceiveMessage?.((message) => {
    if (isReply(message)) lastAsked?.showStatus(message.text);
  });

  return {
    renderOutputItem(item, element) {
      views.get(item.id)?.dispose();
      views.delete(item.id);
      const data: unknown = item.json();
      if (item.mime === NOTICE_MIME) {
        if (!isNoticePayload(data)) return;
        const notice = h('div', { className: 'exo-audit-notice' }, h('span', {}, data.message));
        if (data.action && post) {
          const send = post(undefined);
          const message = data.action.message;
          notice.append(button(data.action.label, () => send({ type: message })));
        }
        element.replaceChildren(styleElement(tableCss), notice);
        return;
      }
      if (!isQueryOutputPayload(data)) {
        element.replaceChildren(h('div', {}, 'This output is not an exo-audit query result.'));
        return;
      }
      const host: { post?: (m: RendererMessage) => void } = {};
      const view = new TableView(data, host);
      if (post) host.post = post(view);
      views.set(item.id, view);
      element.replaceChildren(styleElement(tableCss), view.root);
    },
    disposeOutputItem(id) {
      if (id === undefined) {
        for (const v of views.values()) v.dispose();
        views.clear();
        return;
      }
      views.get(id)?.dispose();
      views.delete(id);
    },
  };
};
