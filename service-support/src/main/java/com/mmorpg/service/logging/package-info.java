/**
 * Making text from outside safe to put in a log line: bounded, anything but printable ASCII escaped.
 */
package com.mmorpg.service.logging;
