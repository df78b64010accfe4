/**
 * Where a backing service is ({@code ServiceAddress}), whether it answers ({@code TcpProbe}), and the
 * failure a server reports when it cannot reach one at start.
 */
package com.mmorpg.common.net;
