export type OpathComparisonOperator = 'eq' | 'ne' | 'like' | 'notlike';

export type OpathValue =
  | { kind: 'string'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' };

export type OpathNode =
  | { type: 'and' | 'or'; left: OpathNode; right: OpathNode; pos: number }
  | { type: 'not'; operand: OpathNode; pos: number }
  | { type: 'compare'; property: string; operator: OpathComparisonOperator; value: OpathValue; pos: number; valuePos: number };
