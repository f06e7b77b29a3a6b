/**
 * Operations endpoints: health on the application port, everything else of the actuator on the
 * management port.
 */
package jp.coordination.platform.management;
