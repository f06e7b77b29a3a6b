/**
 * What ties a request's log lines together: its correlation id (header, request attribute and
 * logging context) and the user who made it (logging context).
 */
package jp.coordination.platform.correlation;
