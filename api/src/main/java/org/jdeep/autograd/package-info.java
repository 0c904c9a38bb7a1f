/**
 * Tools around automatic differentiation: {@link org.jdeep.autograd.GradientCheck}, the course's check of
 * back-propagation against two-sided differences (Course 2, week 1, 1.12-1.14). Recording itself lives in
 * {@link org.jdeep.Tensor} ({@code requiresGrad}, {@code backward}, {@code grad}) and {@link org.jdeep.Autograd}.
 */
package org.jdeep.autograd;
