/**
 * The production profile's secret checks: a service refuses to start on a development or weak secret.
 */
package com.mmorpg.service.secrets;
