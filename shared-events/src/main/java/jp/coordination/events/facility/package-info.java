/** Events of facilities that take emergency stays (緊急受入れ施設). */
package jp.coordination.events.facility;
