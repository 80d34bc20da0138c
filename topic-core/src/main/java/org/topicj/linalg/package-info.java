/** Small dense linear-algebra helpers shared by the numerical code. */
package org.topicj.linalg;
