#version 330 core
in vec4 v_colour;
flat in int v_shape;
uniform float u_opacity;
out vec4 o_colour;

// Signed distance-like value: <= 1 inside the symbol, with a dark rim near the edge.
float shape_value(vec2 p) {
    if (v_shape == 1) return max(abs(p.x), abs(p.y)) / 0.8;                 // square
    if (v_shape == 2) return max(-p.y / 0.6, (abs(p.x) * 1.732 + p.y) / 0.9);  // triangle, point up
    if (v_shape == 3) return (abs(p.x) + abs(p.y)) / 0.95;                  // diamond
    if (v_shape == 4) {                                                      // star
        float a = atan(p.y, p.x);
        float r = length(p);
        float k = 0.62 + 0.38 * cos(5.0 * a + 1.5708);
        return r / (0.95 * k);
    }
    return length(p) / 0.9;                                                  // circle
}

void main() {
    vec2 p = gl_PointCoord * 2.0 - 1.0;
    p.y = -p.y;
    float v = shape_value(p);
    if (v > 1.0) discard;
    vec3 c = v > 0.78 ? v_colour.rgb * 0.35 : v_colour.rgb;  // outline
    o_colour = vec4(c, v_colour.a * u_opacity);
}
