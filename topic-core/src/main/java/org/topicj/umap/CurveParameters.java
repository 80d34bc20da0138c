package org.topicj.umap;

/**
 * Fits UMAP's low-dimensional similarity curve {@code 1 / (1 + a d^(2b))} to the target
 * {@code 1 if d < minDist else exp(-(d - minDist) / spread)} on 300 points of [0, 3 spread], by
 * least squares (Gauss-Newton with Levenberg-Marquardt damping), as umap-learn's find_ab_params.
 */
final class CurveParameters {
    private CurveParameters() {
    }

    static double[] fit(double spread, double minDist) {
        int m = 300;
        double[] x = new double[m];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = spread * 3 * i / (m - 1);
            y[i] = x[i] < minDist ? 1.0 : Math.exp(-(x[i] - minDist) / spread);
        }
        double a = 1.0;
        double b = 1.0;
        double lambda = 1e-3;
        double err = error(x, y, a, b);
        for (int iter = 0; iter < 500; iter++) {
            double jaa = 0;
            double jab = 0;
            double jbb = 0;
            double ga = 0;
            double gb = 0;
            for (int i = 0; i < m; i++) {
                if (x[i] == 0) {
                    continue;
                }
                double p = Math.pow(x[i], 2 * b);
                double denom = 1 + a * p;
                double f = 1 / denom;
                double r = f - y[i];
                double da = -p / (denom * denom);
                double db = -a * p * 2 * Math.log(x[i]) / (denom * denom);
                jaa += da * da;
                jab += da * db;
                jbb += db * db;
                ga += da * r;
                gb += db * r;
            }
            double haa = jaa * (1 + lambda);
            double hbb = jbb * (1 + lambda);
            double det = haa * hbb - jab * jab;
            double stepA = -(hbb * ga - jab * gb) / det;
            double stepB = -(haa * gb - jab * ga) / det;
            double na = a + stepA;
            double nb = b + stepB;
            double nerr = na > 0 && nb > 0 ? error(x, y, na, nb) : Double.POSITIVE_INFINITY;
            if (nerr < err) {
                boolean converged = Math.abs(err - nerr) < 1e-15;
                a = na;
                b = nb;
                err = nerr;
                lambda /= 10;
                if (converged) {
                    break;
                }
            } else {
                lambda *= 10;
                if (lambda > 1e12) {
                    break;
                }
            }
        }
        return new double[] {a, b};
    }

    private static double error(double[] x, double[] y, double a, double b) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double r = 1 / (1 + a * Math.pow(x[i], 2 * b)) - y[i];
            s += r * r;
        }
        return s;
    }
}
