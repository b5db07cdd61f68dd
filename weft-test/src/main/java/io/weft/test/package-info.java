/**
 * Testing Weft services with real parts: {@link io.weft.test.WeftExtension} runs a real registry per test
 * class, in-process providers and consumers, and writes governance rules and waits until they are applied.
 */
package io.weft.test;
