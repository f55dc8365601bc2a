package com.mirogateway.platform.host.jobs;

import java.util.List;
import java.util.Optional;

/**
 * One page of {@code /admin/jobs}.
 *
 * @param jobs the jobs, oldest first
 * @param cursor where the next page starts; empty on the last page
 */
public record JobPage(List<JobView> jobs, Optional<String> cursor) {}
