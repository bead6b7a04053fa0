package it.continuo.report;

import java.util.List;

/**
 * The first screen: the overall state and what needs a human.
 *
 * @param overall the worst state of any service, job or section
 * @param services services in the catalogue
 * @param servicesAmber services in amber
 * @param servicesRed services in red
 * @param outOfRpo services whose achieved RPO exceeds their RPO
 * @param damagedRuns runs found damaged by the last nightly verification, over all jobs and targets
 * @param jobsNotRun jobs whose last scheduled backup did not run or failed
 * @param attention what needs a human, worst first, each a reason in words
 */
public record Summary(
    Rag overall,
    int services,
    int servicesAmber,
    int servicesRed,
    int outOfRpo,
    int damagedRuns,
    int jobsNotRun,
    List<Finding> attention) {}
