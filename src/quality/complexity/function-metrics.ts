/** What the complexity checker measures for one function. */
export interface FunctionMetrics {
  name: string;
  line: number;
  column: number;
  /** Lines from the function's first to its last line. */
  length: number;
  params: number;
  /** McCabe: 1 + decision points (branches, loops, catch, case, boolean operators). */
  cyclomatic: number;
  /** SonarSource cognitive complexity: breaks in linear flow, weighted by nesting. */
  cognitive: number;
  /** Deepest nesting of control structures inside the function. */
  nesting: number;
}

/** Accumulates the metrics of one function while its body is walked. */
export class MetricsCounter {
  cyclomatic = 1;
  cognitive = 0;
  nesting = 0;

  /** A structure that branches and nests (if, loop, switch, catch, ternary). */
  structure(level: number, decisions = 1): void {
    this.cyclomatic += decisions;
    this.cognitive += 1 + level;
  }

  /** `else`, `else if`: a break in flow that costs 1 regardless of nesting. */
  flat(decisions = 0): void {
    this.cyclomatic += decisions;
    this.cognitive += 1;
  }

  /** A sequence of like boolean operators costs 1 cognitive; each operator is one path. */
  boolean(operators: number, sequences: number): void {
    this.cyclomatic += operators;
    this.cognitive += sequences;
  }

  depth(level: number): void {
    if (level > this.nesting) this.nesting = level;
  }
}
