/** The outcome of comparing one claimed field with its recorded value. */
export interface FieldMatch {
  match: boolean;
  /** True when the two are identical, nothing forgiven. */
  exact: boolean;
}
