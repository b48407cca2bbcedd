/**
 * Constants the estimator's intervals and tests use (the functions behind them live in
 * math/special.ts).
 */
import { normalQuantile } from "../math/special.js";

/** z with P(Z ≤ z) = 0.975: the 95% two-sided normal quantile. */
export const Z_975 = normalQuantile(0.975);
/** The 95% quantile of chi-square with 1 degree of freedom (= Z_975²): the profile likelihood's cut-off. */
export const CHI2_1_95 = Z_975 * Z_975;
