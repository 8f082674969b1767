/** The syntax tree. Every node carries its source range (character offsets into the whole document). */
import type { TextRange } from '../text/range';

export interface NodeBase extends TextRange {
  readonly kind: string;
}

/** A name as written (table, column, function, let name, option value). */
export interface Name extends NodeBase {
  readonly kind: 'Name';
  readonly name: string;
}

// ---------- scalar expressions ----------

export type LiteralType = 'string' | 'long' | 'real' | 'bool' | 'datetime' | 'timespan' | 'dynamic';

export interface Literal extends NodeBase {
  readonly kind: 'Literal';
  readonly type: LiteralType;
  /** string | number | boolean | null, or any JSON-like value for dynamic. */
  readonly value: unknown;
}

export interface NameRef extends NodeBase {
  readonly kind: 'NameRef';
  readonly name: Name;
}

export interface Member extends NodeBase {
  readonly kind: 'Member';
  readonly target: Expr;
  readonly member: Name;
}

export interface Index extends NodeBase {
  readonly kind: 'Index';
  readonly target: Expr;
  readonly index: Expr;
}

export interface Call extends NodeBase {
  readonly kind: 'Call';
  readonly callee: Name;
  readonly args: Expr[];
  /** Range of the argument list including parentheses (for signature help). */
  readonly argsRange: TextRange;
}

export type BinaryOp =
  | 'or' | 'and'
  | '==' | '!=' | '=~' | '!~' | '<' | '<=' | '>' | '>='
  | 'has' | '!has' | 'has_cs' | '!has_cs' | 'contains' | '!contains' | 'contains_cs' | '!contains_cs'
  | 'startswith' | '!startswith' | 'startswith_cs' | '!startswith_cs'
  | 'endswith' | '!endswith' | 'endswith_cs' | '!endswith_cs'
  | 'hasprefix' | '!hasprefix' | 'hassuffix' | '!hassuffix'
  | 'matches regex'
  | '+' | '-' | '*' | '/' | '%';

export interface Binary extends NodeBase {
  readonly kind: 'Binary';
  readonly op: BinaryOp;
  readonly opRange: TextRange;
  readonly left: Expr;
  readonly right: Expr;
}

export interface Unary extends NodeBase {
  readonly kind: 'Unary';
  readonly op: '-' | '+';
  readonly operand: Expr;
}

/** x in (a, b), x !in~ (T | project c), x has_any (...) */
export interface InExpr extends NodeBase {
  readonly kind: 'In';
  readonly op: 'in' | '!in' | 'in~' | '!in~' | 'has_any' | 'has_all';
  readonly opRange: TextRange;
  readonly left: Expr;
  /** Scalar items; a single tabular item is a subquery (its first column is the set). */
  readonly items: Array<Expr | Tabular>;
}

export interface Between extends NodeBase {
  readonly kind: 'Between';
  readonly negated: boolean;
  readonly opRange: TextRange;
  readonly left: Expr;
  readonly low: Expr;
  readonly high: Expr;
}

export interface Paren extends NodeBase {
  readonly kind: 'Paren';
  readonly expr: Expr;
}

/** `*` as an argument (arg_max(Time, *), take_any(*)). */
export interface Star extends NodeBase {
  readonly kind: 'Star';
}

/** A place where an expression was expected but could not be read. */
export interface ErrorExpr extends NodeBase {
  readonly kind: 'ErrorExpr';
}

export type Expr = Literal | NameRef | Member | Index | Call | Binary | Unary | InExpr | Between | Paren | Star | ErrorExpr;

// ---------- tabular expressions ----------

export interface TableRef extends NodeBase {
  readonly kind: 'TableRef';
  readonly name: Name;
}

export interface DatatableColumn extends NodeBase {
  readonly kind: 'DatatableColumn';
  readonly name: Name;
  readonly type: Name;
}

export interface Datatable extends NodeBase {
  readonly kind: 'Datatable';
  readonly columns: DatatableColumn[];
  readonly values: Expr[];
}

export interface UnionSource extends NodeBase {
  readonly kind: 'Union';
  readonly options: OptionNode[];
  readonly tables: Tabular[];
}

export interface ParenTabular extends NodeBase {
  readonly kind: 'ParenTabular';
  readonly body: Tabular;
}

export interface Pipeline extends NodeBase {
  readonly kind: 'Pipeline';
  readonly source: Source;
  readonly operators: Operator[];
}

/** `print a = 1, strlen("x")`: one row of computed columns. */
export interface PrintSource extends NodeBase {
  readonly kind: 'Print';
  readonly keyword: Name;
  readonly items: NamedExpr[];
}

export type Source = TableRef | Datatable | UnionSource | ParenTabular | PrintSource | BadSource;

export interface BadSource extends NodeBase {
  readonly kind: 'BadSource';
}

export type Tabular = Pipeline;

// ---------- operators ----------

/** `name = value` options such as kind=inner, withsource=T. */
export interface OptionNode extends NodeBase {
  readonly kind: 'Option';
  readonly name: Name;
  readonly value: Name;
}

/** `[Name =] expr` in project, extend, summarize, by, mv-expand. */
export interface NamedExpr extends NodeBase {
  readonly kind: 'NamedExpr';
  readonly name?: Name;
  readonly expr: Expr;
  /** mv-expand only: `to typeof(T)`. */
  readonly toType?: Name;
}

export interface SortKey extends NodeBase {
  readonly kind: 'SortKey';
  readonly expr: Expr;
  readonly direction?: Name; // asc | desc
  readonly nulls?: Name;     // first | last
}

export interface OperatorBase extends NodeBase {
  /** The operator keyword(s), e.g. `where`, `order by`, `project-away`. */
  readonly keyword: Name;
}

export interface WhereOp extends OperatorBase { readonly kind: 'Where'; readonly predicate: Expr }
export interface ProjectOp extends OperatorBase { readonly kind: 'Project'; readonly items: NamedExpr[] }
export interface ExtendOp extends OperatorBase { readonly kind: 'Extend'; readonly items: NamedExpr[] }
export interface ProjectAwayOp extends OperatorBase { readonly kind: 'ProjectAway'; readonly columns: Name[] }
export interface ProjectKeepOp extends OperatorBase { readonly kind: 'ProjectKeep'; readonly columns: Name[] }
export interface ProjectRenameOp extends OperatorBase {
  readonly kind: 'ProjectRename';
  readonly items: RenameItem[];
}
export interface RenameItem extends NodeBase { readonly kind: 'RenameItem'; readonly newName: Name; readonly oldName: Name }
export interface SummarizeOp extends OperatorBase {
  readonly kind: 'Summarize';
  readonly aggregates: NamedExpr[];
  readonly by: NamedExpr[];
  readonly byKeyword?: Name;
}
export interface SortOp extends OperatorBase { readonly kind: 'Sort'; readonly keys: SortKey[] }
export interface TopOp extends OperatorBase { readonly kind: 'Top'; readonly count: Expr; readonly keys: SortKey[] }
export interface TakeOp extends OperatorBase { readonly kind: 'Take'; readonly count: Expr }
export interface DistinctOp extends OperatorBase { readonly kind: 'Distinct'; readonly items: NamedExpr[]; readonly star: boolean }
export interface CountOp extends OperatorBase { readonly kind: 'Count' }

export interface JoinCondition extends NodeBase {
  readonly kind: 'JoinCondition';
  /** `on Col` has only left === right; `$left.A == $right.B` has both. */
  readonly left: Name;
  readonly right: Name;
}

export interface JoinOp extends OperatorBase {
  readonly kind: 'Join';
  readonly options: OptionNode[];
  readonly right: Tabular;
  readonly on: JoinCondition[];
}

export interface UnionOp extends OperatorBase { readonly kind: 'UnionOp'; readonly options: OptionNode[]; readonly tables: Tabular[] }
export interface MvExpandOp extends OperatorBase {
  readonly kind: 'MvExpand';
  readonly options: OptionNode[];
  readonly items: NamedExpr[];
  readonly limit?: Expr;
}
export interface RenderOp extends OperatorBase {
  readonly kind: 'Render';
  readonly chart: Name;
  readonly props: RenderProp[];
}

/** `with (title="x", ycolumns=a, b)`: ycolumns and similar take a list. */
export interface RenderProp extends NodeBase {
  readonly kind: 'RenderProp';
  readonly name: Name;
  readonly values: Expr[];
}

/** An operator that could not be read (unknown name or broken syntax); its tokens were skipped. */
export interface BadOp extends OperatorBase { readonly kind: 'BadOperator' }

export type Operator =
  | WhereOp | ProjectOp | ExtendOp | ProjectAwayOp | ProjectKeepOp | ProjectRenameOp | SummarizeOp | SortOp | TopOp | TakeOp
  | DistinctOp | CountOp | JoinOp | UnionOp | MvExpandOp | RenderOp | BadOp;

// ---------- statements and documents ----------

export interface LetStatement extends NodeBase {
  readonly kind: 'Let';
  readonly name: Name;
  readonly value: Expr | Tabular;
}

export interface QueryStatement extends NodeBase {
  readonly kind: 'Query';
  readonly body: Tabular;
}

export type Statement = LetStatement | QueryStatement;

/** One blank-line-separated block of a document (a query with its let statements). */
export interface Block extends NodeBase {
  readonly kind: 'Block';
  /** From the block break before to the one after, so every offset of the document is in exactly one block. */
  readonly extent: TextRange;
  readonly statements: Statement[];
}

export type Node =
  | Name | Expr | Source | Pipeline | Operator | OptionNode | NamedExpr | SortKey | JoinCondition | DatatableColumn | RenderProp | RenameItem
  | Statement | Block;

export function isTabular(node: Expr | Tabular): node is Tabular {
  return node.kind === 'Pipeline';
}
