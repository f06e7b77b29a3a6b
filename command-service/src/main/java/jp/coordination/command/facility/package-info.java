/** Facilities that take emergency stays (緊急受入れ施設): registration and declared free beds. */
package jp.coordination.command.facility;
