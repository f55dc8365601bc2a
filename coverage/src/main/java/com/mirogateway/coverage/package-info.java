/**
 * The build's coverage gate: reads JaCoCo's aggregated XML report and fails the build when a module's line coverage
 * is below its floor.
 */
package com.mirogateway.coverage;
