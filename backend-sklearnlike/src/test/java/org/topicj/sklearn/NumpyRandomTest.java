package org.topicj.sklearn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Values NumPy prints for np.random.RandomState(0). */
class NumpyRandomTest {
    @Test
    void drawsWhatNumpyDraws() {
        NumpyRandom r = new NumpyRandom(0);
        assertEquals(0.5488135039273248, r.nextDouble(), 0);
        assertEquals(0.7151893663724195, r.nextDouble(), 0);
        NumpyRandom g = new NumpyRandom(0);
        assertEquals(1.764052345967664, g.nextGaussian(), 1e-15);
        assertEquals(0.4001572083672233, g.nextGaussian(), 1e-15);
        assertEquals(0.9787379841057392, g.nextGaussian(), 1e-15);
    }
}
