/**
 * TL binary runtime. The schemas this project serves live in {@code src/main/tl} and are packaged under {@code tl/}.
 *
 * @see <a href="https://core.telegram.org/mtproto/TL">Type Language</a>
 */
package io.heliograph.tl;
