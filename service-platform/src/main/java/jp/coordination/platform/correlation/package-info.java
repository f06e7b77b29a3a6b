/** The correlation id of a request: header, request attribute and the logging context of every log line. */
package jp.coordination.platform.correlation;
