// The parts of VS Code's notebook renderer API (vscode-notebook-renderer) these renderers use.
// A renderer module exports `activate(context)` returning a RendererApi.

export interface OutputItem {
  readonly id: string;
  readonly mime: string;
  json(): unknown;
  text(): string;
}

export interface Disposable {
  dispose(): void;
}

export interface RendererContext<TState = unknown> {
  /** Present when the renderer contribution declares requiresMessaging. */
  postMessage?(message: unknown): void;
  onDidReceiveMessage?(listener: (message: unknown) => void): Disposable;
  getState(): TState | undefined;
  setState(state: TState): void;
  readonly workspace: { readonly isTrusted: boolean };
}

export interface RendererApi {
  renderOutputItem(item: OutputItem, element: HTMLElement, signal: AbortSignal): void | Promise<void>;
  disposeOutputItem?(id?: string): void;
}

export type ActivationFunction<TState = unknown> = (context: RendererContext<TState>) => RendererApi;
